/** `atelier mcp`: the MCP server on stdin/stdout, until the client closes the pipe. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createAtelierMcpServer, type AtelierMcpOptions } from './server.js';

/** Serves until stdin ends; resolves once the server has closed. */
export async function serveMcpStdio(
  options: AtelierMcpOptions,
  io: { stdin?: NodeJS.ReadableStream; stdout?: NodeJS.WritableStream } = {},
): Promise<void> {
  const server = createAtelierMcpServer(options);
  const transport = new StdioServerTransport(
    (io.stdin ?? process.stdin) as never,
    (io.stdout ?? process.stdout) as never,
  );
  const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
  await server.connect(transport);
  const stdin = io.stdin ?? process.stdin;
  // The client closing the pipe ends the session (the SDK does not listen for it).
  stdin.once('end', () => void server.close());
  await closed;
}
