// Deterministic, Meta-looking identifiers. Everything is derived from one seeded RNG so the same seed and
// the same sequence of actions give the same ids. IDs are opaque to clients (REFERENCE §1).

import { Rng, type RngState } from "./rng";

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export interface IdFactoryState {
  rng: RngState;
  counter: number;
}

export class IdFactory {
  private rng: Rng;
  private counter: number;
  private readonly used = new Set<string>();

  constructor(seed: number | string | IdFactoryState) {
    if (typeof seed === "object") {
      this.rng = new Rng(seed.rng);
      this.counter = seed.counter;
    } else {
      this.rng = new Rng(`ids:${seed}`);
      this.counter = 0;
    }
  }

  state(): IdFactoryState {
    return { rng: this.rng.state(), counter: this.counter };
  }

  /** Registers ids that exist already (after loading a saved state). */
  reserve(id: string): void {
    this.used.add(id);
  }

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** Numeric string: `prefix` followed by random digits up to `length`. */
  private numeric(prefix: string, length: number): string {
    return this.unique(() => prefix + this.rng.digits(length - prefix.length));
  }

  pageId(): string {
    return this.numeric("1", 15);
  }
  igAccountId(): string {
    return this.numeric("178414", 17);
  }
  psid(): string {
    return this.numeric("2", 16);
  }
  igsid(): string {
    return this.numeric("5", 17);
  }
  userId(): string {
    return this.numeric("10", 17);
  }
  attachmentId(): string {
    return this.numeric("9", 16);
  }
  messengerConversationId(): string {
    return this.unique(() => "t_" + this.rng.digits(17));
  }
  instagramConversationId(igAccountId: string): string {
    return this.unique(() => {
      this.counter++;
      return Buffer.from(`ig_t:1:IGMessageThread:${igAccountId}:${this.rng.digits(20)}`).toString("base64url");
    });
  }
  messengerMid(): string {
    // 86 random characters: collisions are impossible in practice, so no bookkeeping (keeps 1M-message datasets cheap)
    return "m_" + this.rng.bytes(64).toString("base64url");
  }
  instagramMid(igAccountId: string): string {
    return Buffer.from(`ig_item:1:IGMessage:${igAccountId}:${this.rng.digits(38)}`).toString("base64url");
  }
  /** Access token look-alike (`EAA…`). */
  token(): string {
    return this.unique(() => "EAA" + this.rng.chars(5, ALNUM) + "ZD" + this.rng.chars(160, ALNUM));
  }
  oauthCode(): string {
    return this.unique(() => "AQ" + this.rng.chars(190, B64URL));
  }
  userRef(): string {
    return this.unique(() => "ur_" + this.rng.chars(24, ALNUM));
  }
}
