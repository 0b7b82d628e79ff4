import { describe, expect, it } from "vitest";
import { clientIp, requestClientIp } from "./client-ip";

describe("client address", () => {
  it("without proxies, the socket's address — a forged X-Forwarded-For is ignored", () => {
    expect(clientIp({ remoteAddress: "203.0.113.7", forwardedFor: "1.2.3.4", trustedProxies: 0 })).toBe("203.0.113.7");
  });

  it("behind n trusted proxies, the n-th address from the right", () => {
    // client → LB (adds client) → app; a forged entry on the left is not believed.
    expect(clientIp({ remoteAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.9", trustedProxies: 1 })).toBe("198.51.100.9");
    expect(clientIp({ remoteAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.9, 10.0.0.1", trustedProxies: 2 })).toBe("198.51.100.9");
  });

  it("more trusted proxies than addresses falls back to the leftmost; nothing at all is 'unknown'", () => {
    expect(clientIp({ remoteAddress: "10.0.0.2", forwardedFor: undefined, trustedProxies: 3 })).toBe("10.0.0.2");
    expect(clientIp({ remoteAddress: undefined, forwardedFor: undefined, trustedProxies: 0 })).toBe("unknown");
  });

  it("IPv4 on a dual-stack socket loses its ::ffff: prefix", () => {
    expect(clientIp({ remoteAddress: "::ffff:127.0.0.1", forwardedFor: undefined, trustedProxies: 0 })).toBe("127.0.0.1");
  });

  it("reads the address the app server passed on, else the last X-Forwarded-For entry", () => {
    expect(requestClientIp(new Headers({ "x-inbox-client-ip": "203.0.113.7", "x-forwarded-for": "1.1.1.1" }))).toBe("203.0.113.7");
    expect(requestClientIp(new Headers({ "x-forwarded-for": "1.1.1.1, 127.0.0.1" }))).toBe("127.0.0.1");
  });
});
