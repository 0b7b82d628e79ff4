// The app server of `npm start` and `npm run demo`: Next.js (production build) behind node:http, as Next's
// "custom server" guide describes, with one exception handled before Next — Meta's webhook endpoint, whose
// throughput matters and which needs nothing of Next (lib/webhooks/webhook-node-handler.ts). Same routes,
// same port; `next dev` serves the webhook through its route handler instead.
//
//   node --conditions=react-server --import tsx scripts/serve.ts      (PORT, HOSTNAME from the environment)
import { createServer } from "node:http";
import next from "next";
import { CLIENT_IP_HEADER, clientIp } from "@/lib/auth/client-ip";
import { env } from "@/lib/env";
import { handleWebhookRequest } from "@/lib/webhooks/webhook-node-handler";

const port = Number(process.env.PORT ?? 3000);
// Not HOSTNAME: containers set it to the machine name.
const hostname = process.env.LISTEN_ADDRESS ?? "0.0.0.0";
const app = next({ dev: false, dir: process.cwd(), port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const trustedProxies = env().TRUSTED_PROXY_COUNT;
const server = createServer((req, res) => {
  // The client's address as our own proxies saw it, never as a client claims it (sign-in throttling).
  req.headers[CLIENT_IP_HEADER] = clientIp({ remoteAddress: req.socket.remoteAddress, forwardedFor: req.headers["x-forwarded-for"]?.toString(), trustedProxies });
  void handleWebhookRequest(req, res).then((handled) => {
    if (!handled) void handle(req, res);
  });
});
// Behind a load balancer, keep idle connections a little longer than it does (usually 60 s).
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`Ready on http://localhost:${port}`));

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
