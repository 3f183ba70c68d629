// The web's API types checked against the server's OpenAPI document (web/openapi.json, kept equal
// to what the server serves by test/openapi-copy.mjs --check). The TypeScript compiler reads
// every API call in src/: api.get/post/put/del, api.request and request with a literal path. For
// each call: the path and method exist; the query parameters and the JSON body's fields are ones
// the route takes; and every field of the type the page reads the answer as exists in the
// answer's schema, with a matching JSON type, nullability and set of enum values.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import ts from 'typescript';
import { ko } from '../src/messages/ko';
import { en } from '../src/messages/en';

type Schema = {
  $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[];
  enum?: unknown[]; additionalProperties?: boolean | Schema; required?: string[];
};
interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface Document { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }

interface ApiCall {
  where: string;
  method: string;
  path: string;              // "/api/evaluations/{}/review": {} where the page puts a value
  query: ts.Expression | undefined;
  body: ts.Expression | undefined;
  answer: ts.Type | undefined;
}

const web = process.cwd();
const document = JSON.parse(readFileSync(join(web, 'openapi.json'), 'utf8')) as Document;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

let program: ts.Program;
let checker: ts.TypeChecker;
const calls: ApiCall[] = [];
const unreadable: string[] = [];

function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${relative(web, file.fileName)}:${line + 1}`;
}

// '/api/x' or `/api/evaluations/${id}/review` → '/api/evaluations/{}/review'; null otherwise.
function pathOf(node: ts.Expression): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
  }
  return null;
}

function property(object: ts.Expression | undefined, name: string): ts.Expression | undefined {
  if (!object || !ts.isObjectLiteralExpression(object)) return undefined;
  for (const p of object.properties) {
    if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

function answerType(call: ts.CallExpression): ts.Type | undefined {
  const signature = checker.getResolvedSignature(call);
  if (!signature) return undefined;
  const promised = checker.getAwaitedType(signature.getReturnType());
  return promised;
}

function collect(node: ts.Node): void {
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    let method: string | null = null;
    let pathArg: ts.Expression | undefined;
    let query: ts.Expression | undefined;
    let body: ts.Expression | undefined;
    const short = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'api'
      ? callee.name.text : null;
    const args = node.arguments;
    if (short === 'get' || short === 'post' || short === 'put' || short === 'del') {
      method = { get: 'GET', post: 'POST', put: 'PUT', del: 'DELETE' }[short];
      pathArg = args[0];
      if (short === 'get') query = args[1];
      if (short === 'post' || short === 'put') body = args[1];
    } else if (short === 'request' || (ts.isIdentifier(callee) && callee.text === 'request')) {
      const verb = args[0];
      if (verb && ts.isStringLiteral(verb)) method = verb.text;
      pathArg = args[1];
      query = property(args[2], 'query');
      body = property(args[2], 'body');
    }
    if (method && pathArg) {
      const path = pathOf(pathArg);
      // The client's own plumbing (api.ts) passes its parameters through.
      if (path === null) {
        if (!node.getSourceFile().fileName.endsWith(join('src', 'api.ts'))) unreadable.push(`${where(node)}: the path is not a literal`);
      } else {
        calls.push({ where: where(node), method, path, query, body, answer: answerType(node) });
      }
    }
  }
  ts.forEachChild(node, collect);
}

function resolveRef(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let i = 0; current?.$ref && i < 10; i += 1) current = document.components.schemas[current.$ref.replace('#/components/schemas/', '')];
  if (current?.allOf) {
    const merged: Schema = { type: 'object', properties: {} };
    for (const part of current.allOf) {
      const resolved = resolveRef(part);
      Object.assign(merged.properties!, resolved?.properties ?? {});
    }
    return merged;
  }
  return current;
}

function types(schema: Schema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function operationFor(call: ApiCall): { path: string; operation: Operation } | string {
  const parts = call.path.split('?')[0]!.split('/');
  const matches = Object.keys(document.paths).filter((documented) => {
    const pattern = documented.split('/');
    return pattern.length === parts.length && pattern.every((segment, i) => {
      const part = parts[i]!;
      if (segment.startsWith('{')) return part === '{}' || (part !== '' && !part.includes('{}'));
      return segment === part;
    });
  });
  if (matches.length === 0) return `${call.method} ${call.path}: no such path in the OpenAPI document`;
  // A literal segment beats a parameter: /api/my/results before /api/my/{x}.
  const best = matches.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0]!;
  const operation = document.paths[best]![call.method.toLowerCase()];
  if (!operation) return `${call.method} ${call.path}: ${best} has no ${call.method}`;
  return { path: best, operation };
}

// The keys a page sends in an object literal (spreads of literals included), or null when the
// object is built elsewhere.
function keysOf(expression: ts.Expression): string[] | null {
  const type = checker.getTypeAtLocation(expression);
  const names = checker.getPropertiesOfType(type).map((p) => p.getName());
  return names;
}

// Compares the type the web reads an answer as with the answer's schema; pushes a line per field
// the document does not have (or has with another JSON type).
function compare(type: ts.Type, schema: Schema | undefined, at: string, problems: string[], depth = 0): void {
  const resolved = resolveRef(schema);
  if (!resolved || depth > 8) return;
  const allowed = types(resolved);
  const parts = type.isUnion() ? type.types : [type];
  const nullable = parts.some((t) => (t.flags & (ts.TypeFlags.Null)) !== 0);
  if (allowed.includes('null') && !nullable && depth > 0 && !(type.flags & ts.TypeFlags.Any) && !(type.flags & ts.TypeFlags.Unknown)) {
    problems.push(`${at}: the document allows null, the web's type does not`);
  }
  const present = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
  if (present.length === 0 || present.some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown))) return;
  const literals = present.filter((t) => t.isStringLiteral()).map((t) => (t as ts.StringLiteralType).value);
  if (literals.length === present.length || (present.length === 1 && present[0]!.flags & ts.TypeFlags.BooleanLiteral)) {
    // A union of string literals (Role, ReviewState): the same values as the document's enum.
    if (literals.length && resolved.enum) {
      const documented = resolved.enum.map(String).sort();
      assertSameSet(literals.sort(), documented, at, problems);
    }
    if (literals.length && allowed.length && !allowed.includes('string')) problems.push(`${at}: a string in the web, ${allowed.join('|')} in the document`);
    return;
  }
  const first = present[0]!;
  const kind = (t: ts.Type): string =>
    t.flags & ts.TypeFlags.StringLike ? 'string'
    : t.flags & ts.TypeFlags.NumberLike ? 'number'
    : t.flags & ts.TypeFlags.BooleanLike ? 'boolean'
    : checker.isArrayType(t) ? 'array'
    : 'object';
  const kinds = new Set(present.map(kind));
  const fits = (k: string): boolean =>
    allowed.length === 0 || allowed.includes(k) || (k === 'number' && allowed.includes('integer'));
  if (![...kinds].some(fits)) {
    problems.push(`${at}: ${[...kinds].join('|')} in the web, ${allowed.join('|')} in the document`);
    return;
  }
  if (kinds.size !== 1) return;
  if (kinds.has('array')) {
    const element = checker.getTypeArguments(first as ts.TypeReference)[0];
    if (element && resolved.items) compare(element, resolved.items, `${at}[]`, problems, depth + 1);
    return;
  }
  if (!kinds.has('object')) return;
  const index = checker.getIndexInfosOfType(first)[0];
  if (index && typeof resolved.additionalProperties === 'object') {
    compare(index.type, resolved.additionalProperties, `${at}{}`, problems, depth + 1);
  }
  // An open object (the document names no fields) cannot be checked further.
  if (!resolved.properties) return;
  for (const symbol of checker.getPropertiesOfType(first)) {
    const name = symbol.getName();
    const field = resolved.properties[name];
    if (!field) {
      problems.push(`${at}.${name}: not in the OpenAPI document`);
      continue;
    }
    compare(checker.getTypeOfSymbol(symbol), field, `${at}.${name}`, problems, depth + 1);
  }
}

function assertSameSet(web: string[], documented: string[], at: string, problems: string[]): void {
  const missing = documented.filter((v) => !web.includes(v));
  const extra = web.filter((v) => !documented.includes(v));
  if (missing.length) problems.push(`${at}: the document's values ${missing.join(', ')} are unknown to the web`);
  if (extra.length) problems.push(`${at}: the web's values ${extra.join(', ')} are not in the document`);
}

function jsonSchemaOf(content: Record<string, { schema: Schema }> | undefined): Schema | undefined {
  return content?.['application/json']?.schema;
}

// Fields the server sends and the pages read, which the document does not list yet. Each entry
// must still be a gap: once the document lists the field, the entry has to go.
const DOCUMENT_GAPS = [
  'GET /api/dashboard: .mean',
  'GET /api/departments: .items[].group_name',
  'GET /api/scenarios: .items[].abusive',
  'GET /api/my/assignments: .items[].scenario_script',
  'GET /api/campaigns/{code}/plan: .items[].scenario_script',
];
const gapOf = (problem: string): string | undefined =>
  DOCUMENT_GAPS.find((gap) => {
    const [route, field] = gap.split(': ');
    return problem.startsWith(`${route} (`) && problem.includes(`)${field}: not in the OpenAPI document`);
  });

describe('the web against the OpenAPI document', () => {
  before(() => {
    const config = ts.getParsedCommandLineOfConfigFile(join(web, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    program = ts.createProgram(sources(join(web, 'src')), config?.options ?? {});
    checker = program.getTypeChecker();
    for (const file of program.getSourceFiles()) {
      if (file.fileName.startsWith(join(web, 'src'))) collect(file);
    }
  });

  it('finds the pages\' API calls', () => {
    assert.deepEqual(unreadable, []);
    // Every page area calls the API; far fewer calls found means the reader above broke.
    assert.ok(calls.length >= 40, `only ${calls.length} API calls found`);
  });

  it('words every error code the document lists, in both languages', () => {
    const error = resolveRef(document.components.schemas.Error)?.properties?.error;
    const codes = (error?.properties?.code?.enum ?? []).map(String);
    assert.ok(codes.length >= 8, 'the document lists no error codes');
    const missing = codes.filter((code) => !(`error.code.${code}` in ko) || !(`error.code.${code}` in en));
    assert.deepEqual(missing, [], 'add error.code.<code> to messages/ko.ts and en.ts');
  });

  it('calls only documented paths and methods', () => {
    const problems = calls.map(operationFor).filter((result): result is string => typeof result === 'string');
    assert.deepEqual(problems, []);
  });

  it('sends only documented query parameters', () => {
    const problems: string[] = [];
    for (const call of calls) {
      const found = operationFor(call);
      if (typeof found === 'string' || !call.query) continue;
      const documented = new Set((found.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      for (const key of keysOf(call.query) ?? []) {
        if (!documented.has(key)) problems.push(`${call.where}: ${call.method} ${found.path} takes no query parameter ${key}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('sends only fields the request body takes', () => {
    const problems: string[] = [];
    for (const call of calls) {
      const found = operationFor(call);
      if (typeof found === 'string' || !call.body) continue;
      const schema = resolveRef(jsonSchemaOf(found.operation.requestBody?.content));
      if (!schema) {
        problems.push(`${call.where}: ${call.method} ${found.path} takes no JSON body`);
        continue;
      }
      if (!schema.properties) continue;
      for (const key of keysOf(call.body) ?? []) {
        if (!(key in schema.properties)) problems.push(`${call.where}: ${call.method} ${found.path} body has no field ${key}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  it('reads answers only as the document describes them', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const call of calls) {
      const found = operationFor(call);
      if (typeof found === 'string' || !call.answer) continue;
      const success = Object.entries(found.operation.responses).find(([status]) => status.startsWith('2'));
      const schema = jsonSchemaOf(success?.[1].content);
      if (!schema) continue;
      const before = problems.length;
      compare(call.answer, schema, `${call.method} ${found.path} (${call.where})`, problems);
      if (problems.length === before) checked += 1;
    }
    const gaps = new Set(problems.map(gapOf).filter(Boolean));
    assert.deepEqual(problems.filter((problem) => !gapOf(problem)), []);
    assert.deepEqual(DOCUMENT_GAPS.filter((gap) => !gaps.has(gap)), [], 'the document lists these now: drop them from DOCUMENT_GAPS');
    assert.ok(checked >= 20, `only ${checked} answers checked`);
  });
});
