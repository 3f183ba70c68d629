// The whole app in a real browser over the hostile programme of world.ts: fetch answers from the
// canned table, signed in as the role named in ?role= (admin by default). Built and driven by
// test/hostile-screens.mjs.
import { installApi } from '../fake-api';
import { hostileUser, routes } from '../world';
import type { Role } from '../../src/types';

const role = (new URLSearchParams(window.location.search).get('role') ?? 'admin') as Role;
installApi({ ...routes, 'GET /api/session': { user: hostileUser(role), csrf_token: 'token' } });
void import('../../src/main');
