/** One launch of Chromium with the extension and a local server, as most e2e files need. */
import { blockExternal, launchWithExtension, waitForRegistration, type Launched } from './chromium';
import { serveStatic, type StaticServer } from './server';

export interface Harness {
  b: Launched;
  server: StaticServer;
  close(): Promise<void>;
}

export async function startHarness(mounts: Record<string, string>): Promise<Harness> {
  const server = await serveStatic(mounts);
  const b = await launchWithExtension();
  await blockExternal(b.context);
  await waitForRegistration(b.context);
  return {
    b,
    server,
    close: async () => {
      await b.close();
      await server.close();
    },
  };
}
