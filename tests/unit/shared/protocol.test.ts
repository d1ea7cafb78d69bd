import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from 'wxt/browser';
import { call, serve, type BackgroundApi, type Handlers } from '../../../lib/shared/protocol';

function partial(h: Partial<Handlers<BackgroundApi>>) {
  return h as Handlers<BackgroundApi>;
}

describe('typed message protocol', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers a request with the handler’s value', async () => {
    browser.runtime.onMessage.addListener(
      serve(
        partial({
          'site.get': async ({ url }) => ({
            url,
            host: new URL(url).host,
            enabled: true,
            active: true,
            enabledByDefault: true,
            unsupported: false,
          }),
        }),
      ),
    );
    await expect(call('site.get', { url: 'https://a.org/x' })).resolves.toMatchObject({ host: 'a.org', enabled: true });
  });

  it('turns a thrown error into a rejection with the same message', async () => {
    browser.runtime.onMessage.addListener(
      serve(
        partial({
          'entity.get': async ({ id }) => {
            throw new Error(`no entity ${id}`);
          },
        }),
      ),
    );
    await expect(call('entity.get', { id: 'zzz' })).rejects.toThrow('no entity zzz');
  });

  it('ignores messages that are not Factlens requests, and unknown types', async () => {
    const listener = serve(partial({ search: async () => [] }));
    expect(listener({ hello: 1 }, {})).toBeUndefined();
    expect(listener({ factlens: 1, type: 'nope', payload: {} }, {})).toBeUndefined();
    expect(listener({ factlens: 1, type: 'toString', payload: {} }, {})).toBeUndefined();
    const answer = new Promise((resolve) =>
      expect(listener({ factlens: 1, type: 'search', payload: { query: 'x' } }, {}, resolve)).toBe(true),
    );
    await expect(answer).resolves.toEqual({ ok: true, value: [] });
  });

  it('refuses messages from another extension', () => {
    const listener = serve(partial({ search: async () => [] }));
    expect(listener({ factlens: 1, type: 'search', payload: {} }, { id: 'someone-else' })).toBeUndefined();
  });

  it('reports a missing answer clearly', async () => {
    await expect(call('search', { query: 'x' })).rejects.toThrow();
  });
});
