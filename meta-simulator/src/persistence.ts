// The simulator's state as a JSON document (state files, `POST /__control/state/*`): configuration, clock,
// dataset, id generator, the world and the recent logs. Loading it replaces the running state.

import type { ClockState } from "./clock";
import { DEFAULT_CONFIG, mergeConfig, validateConfig, type SimulatorConfig } from "./config";
import type { DatasetSpec } from "./datasets";
import { IdFactory, type IdFactoryState } from "./ids";
import type { SendLogEntry, Simulator } from "./simulator";
import type { DeliveryLogEntry } from "./webhooks";
import { World, type WorldSnapshot } from "./world";

export interface PersistedState {
  format: "meta-simulator-state";
  version: 1;
  savedAt: string;
  config: SimulatorConfig;
  clock: ClockState;
  dataset: { spec: DatasetSpec; loadedAt: number };
  ids: IdFactoryState;
  userToken: string;
  world: WorldSnapshot;
  sendLog: SendLogEntry[];
  webhookLog: DeliveryLogEntry[];
}

export function exportState(sim: Simulator): PersistedState {
  return {
    format: "meta-simulator-state",
    version: 1,
    savedAt: new Date().toISOString(),
    config: sim.config,
    clock: sim.clock.state(),
    dataset: sim.dataset,
    ids: sim.ids.state(),
    userToken: sim.userToken,
    world: sim.world.snapshot(),
    sendLog: sim.sendLog.slice(-1000),
    webhookLog: sim.webhooks.log.slice(-1000),
  };
}

export function importState(sim: Simulator, state: PersistedState, opts: { keepApp?: boolean } = {}): void {
  if (state.format !== "meta-simulator-state" || state.version !== 1) throw new Error("not a meta-simulator state file (format/version)");
  const app = sim.config.app;
  sim.config = mergeConfig(DEFAULT_CONFIG, state.config);
  if (opts.keepApp) sim.config.app = app;
  validateConfig(sim.config);
  const c = sim.clock;
  if (state.clock.frozenAt !== null) {
    c.set(state.clock.frozenAt);
    c.freeze();
  } else {
    c.unfreeze();
    c.advance(state.clock.offsetMs - (sim.now() - Date.now()));
  }
  sim.world = World.fromSnapshot(state.world);
  sim.ids = new IdFactory(state.ids);
  for (const id of [...sim.world.pages.keys(), ...sim.world.igAccounts.keys(), ...sim.world.contacts.keys(), ...sim.world.conversations.keys()]) sim.ids.reserve(id);
  sim.userToken = state.userToken;
  sim.dataset = state.dataset;
  sim.sendLog = state.sendLog ?? [];
  sim.webhooks.log = state.webhookLog ?? [];
  sim.limiter.reset();
  sim.faults.reseed(sim.config.faults.seed);
  sim.webhooks.reseed(sim.config.faults.seed);
  sim.touch();
  sim.notify({ type: "reset" });
}
