import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 that a test can cut and restore, to play a database that goes
 * away under a running Brygga. Cut: open connections are reset and new ones are closed at
 * once (the database host refuses); restored: connections are forwarded again.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private stalled = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    server.on('connection', (incoming) => proxy.forward(incoming, targetHost, targetPort));
    return proxy;
  }

  /** Resets every open connection and refuses new ones until restore(). */
  cutConnections(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
  }

  /**
   * Stops forwarding without closing anything, like a network partition: bytes sent on
   * open connections are never answered and new connections never reach the server.
   */
  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) socket.pause();
  }

  restore(): void {
    if (this.stalled) for (const socket of this.sockets) socket.destroy();
    this.cut = false;
    this.stalled = false;
  }

  async close(): Promise<void> {
    this.cutConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(incoming: Socket, host: string, port: number): void {
    if (this.cut) {
      incoming.resetAndDestroy();
      return;
    }
    if (this.stalled) {
      this.sockets.add(incoming);
      incoming.on('error', () => undefined);
      incoming.pause();
      return;
    }
    const outgoing = connect(port, host);
    for (const socket of [incoming, outgoing]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        incoming.destroy();
        outgoing.destroy();
      });
    }
    incoming.pipe(outgoing).pipe(incoming);
  }
}
