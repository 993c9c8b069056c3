/**
 * `npm run --silent dev:token -- --user <id|upn> [--role R]...` prints an access token for a
 * demo user from the running development identity provider; `--list` prints the demo users'
 * ids, one a line.
 */
import { parseArgs } from 'node:util';
import { DEMO_USERS } from './dev/demo-data.js';
import { DEFAULT_PORTS } from './dev/stack.js';

const { values } = parseArgs({
  options: {
    user: { type: 'string' },
    role: { type: 'string', multiple: true },
    list: { type: 'boolean' },
    idp: { type: 'string' },
  },
});

if (values.list) {
  for (const u of DEMO_USERS) console.log(u.id);
  process.exit(0);
}
if (!values.user) {
  console.error('Usage: npm run --silent dev:token -- --user <id|upn> [--role R] | --list');
  process.exit(2);
}
const idp =
  values.idp ??
  process.env['DEV_IDP_URL'] ??
  `http://127.0.0.1:${process.env['DEV_IDP_PORT'] ?? DEFAULT_PORTS.idp}`;
try {
  const response = await fetch(`${idp}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: values.user, ...(values.role ? { roles: values.role } : {}) }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!response.ok || !body.access_token) {
    console.error(body.error_description ?? `The identity provider answered ${response.status}.`);
    process.exit(1);
  }
  console.log(body.access_token);
} catch {
  console.error(`No development identity provider answers at ${idp}. Start the app first: npm start`);
  process.exit(1);
}
