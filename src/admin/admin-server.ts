import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminAppDependencies } from './admin-app.ts';
import { createAdminApp } from './admin-app.ts';
import { adminBasePath } from './openapi/document.ts';

export interface AdminServer {
  server: Server;
  /** e.g. http://127.0.0.1:3002/admin/v1 */
  url: string;
  close(): Promise<void>;
}

/** Listens on config `admin.host`:`admin.port`, apart from the public OIDC port. */
export async function startAdminServer(deps: AdminAppDependencies): Promise<AdminServer> {
  const server = createServer(createAdminApp(deps).callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.config.admin.port, deps.config.admin.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${deps.config.admin.host}:${port}${adminBasePath}`;
  deps.logger.info({ listen: `${deps.config.admin.host}:${port}` }, 'admin API is running');
  return {
    server,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
