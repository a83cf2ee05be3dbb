import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Api, HttpError } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSecret } from '../../src/kernel/log.ts';
import { memoryLogger } from './logs.ts';

const TOKEN = '987654321:AAEredactredactredactredactredact9876';

// A "Bot API" on 127.0.0.1 that drops every connection: the request fails with the URL in the error.
const server = createServer((req) => req.socket.destroy());
let apiRoot = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('logs of a failing Telegram request', () => {
  it('carry no token, though the error does', async () => {
    addSecret(TOKEN);
    const { log, lines } = memoryLogger('info');
    const api = new Api(TOKEN, { apiRoot });
    const error = await api.getMe().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpError);
    // The raw error really carries the token (in the request URL), so the assertion below means something.
    expect(String((error as HttpError).error)).toContain(TOKEN);
    log.error({ err: error }, 'telegram request failed');
    log.warn({ url: `${apiRoot}/bot${TOKEN}/getUpdates` }, 'retrying');
    const out = lines();
    expect(out).toHaveLength(2);
    for (const line of out) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(TOKEN.split(':')[1]);
    }
    expect(out[0]).toContain('[redacted]');
    expect(out[1]).toContain(`/bot[redacted]/getUpdates`);
  });
});
