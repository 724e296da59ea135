/**
 * The bench's bare contender: node:http, read the body, JSON.parse it, answer. Its own file, with no
 * imports but node:http, so that its cold start is a bare server's and nothing more.
 */
import { createServer } from "node:http";

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { MessageName?: string };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ allowed: true, message: body.MessageName }));
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(
    `${JSON.stringify({ msg: "validator listening", port: typeof address === "object" && address ? address.port : 0 })}\n`,
  );
});
