// The address a request came from, for sign-in throttling. X-Forwarded-For is written by whoever sends the
// request, so only the entries added by our own proxies are believed: with TRUSTED_PROXY_COUNT = n, the
// client is the n-th address from the right of [...X-Forwarded-For, socket address]. The app server
// (scripts/serve.ts) computes it once per request and passes it on in CLIENT_IP_HEADER, replacing
// anything a client sent under that name. Pure.

export const CLIENT_IP_HEADER = "x-inbox-client-ip";

export function clientIp({ remoteAddress, forwardedFor, trustedProxies }: { remoteAddress: string | undefined; forwardedFor: string | undefined; trustedProxies: number }): string {
  const chain = [
    ...(forwardedFor ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
    ...(remoteAddress ? [remoteAddress] : []),
  ];
  const ip = chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? "unknown";
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
  return ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1").slice(0, 64);
}

/** The client address of a request that went through scripts/serve.ts; under `next dev`, Next's own X-Forwarded-For. */
export function requestClientIp(headers: Pick<Headers, "get">): string {
  const fromServer = headers.get(CLIENT_IP_HEADER);
  if (fromServer) return fromServer;
  return clientIp({ remoteAddress: undefined, forwardedFor: headers.get("x-forwarded-for") ?? undefined, trustedProxies: 0 });
}
