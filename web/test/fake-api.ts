// The JSON API as the pages see it through fetch, answered from a table of canned bodies: the
// unit tests feed the real page functions with payloads no real server would hold back.
export interface Answer {
  status?: number;
  body: unknown;
}
type Handler = (url: URL, init: RequestInit) => Answer | unknown;

export interface FakeApi {
  // Requests the pages made, as "GET /api/evaluations?campaign=C".
  calls: string[];
}

// routes: "GET /api/evaluations" (any query) -> body or handler. Unknown paths answer 404.
export function installApi(routes: Record<string, Handler | unknown>): FakeApi {
  const api: FakeApi = { calls: [] };
  globalThis.fetch = (async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://127.0.0.1/');
    const method = (init.method ?? 'GET').toUpperCase();
    api.calls.push(`${method} ${url.pathname}${url.search}`);
    const route = routes[`${method} ${url.pathname}`];
    let answer: Answer;
    if (route === undefined) {
      answer = { status: 404, body: { error: { code: 'not_found', message: '없는 API 경로입니다' } } };
    } else {
      const value = typeof route === 'function' ? (route as Handler)(url, init) : route;
      answer = value && typeof value === 'object' && 'body' in value && Object.keys(value).every((k) => k === 'status' || k === 'body')
        ? (value as Answer)
        : { body: value };
    }
    const status = answer.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(answer.body), {
      status,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
  }) as typeof fetch;
  return api;
}
