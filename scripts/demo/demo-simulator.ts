// The Meta simulator of `npm run demo` / `npm run dev`: the demo dataset on port 4010, its state kept in
// .data/simulator.json (a second run continues where the first stopped), configured with the app's Meta app
// id, secret, verify token and webhook callback. The app reaches it only through META_GRAPH_BASE_URL.
import path from "node:path";
import { startSimulator, type RunningSimulator } from "../../meta-simulator";

export const DEMO_SIMULATOR_PORT = Number(process.env.SIMULATOR_PORT ?? 4010);

export interface DemoSimulator {
  sim: RunningSimulator;
  /** Graph API base for the app (server side). */
  graphBaseUrl: string;
  /** Facebook Login dialog base for browsers. */
  dialogBaseUrl: string;
  /** Instagram Login: the authorization window (browsers), the code exchange and graph.instagram.com (server side). */
  instagramOAuthUrl: string;
  instagramApiUrl: string;
  instagramGraphBaseUrl: string;
  customerPageUrl: string;
}

export async function startDemoSimulator(options: {
  dataDir: string;
  appUrl: string;
  app: { id: string; secret: string; verifyToken: string };
  log: (line: string) => void;
}): Promise<DemoSimulator> {
  const sim = await startSimulator({
    port: DEMO_SIMULATOR_PORT,
    host: "127.0.0.1",
    dataset: "demo",
    stateFile: path.join(options.dataDir, "simulator.json"),
    logger: (line) => options.log(line),
  });
  // The app's identity and callback, every run (the app's secrets may have been regenerated meanwhile). The
  // verification GET fails while the app is still starting; Meta's simulator delivers anyway and re-verifies
  // when a Page subscribes.
  await sim.control("POST", "/app", {
    id: options.app.id,
    secret: options.app.secret,
    verifyToken: options.app.verifyToken,
    callbackUrl: `${options.appUrl.replace(/\/+$/, "")}/api/webhooks/meta`,
    redirectUris: [`${options.appUrl.replace(/\/+$/, "")}/admin/channels/callback`, `${options.appUrl.replace(/\/+$/, "")}/admin/channels/instagram-callback`],
    verify: false,
  });
  return {
    sim,
    graphBaseUrl: `http://127.0.0.1:${sim.port}`,
    dialogBaseUrl: `http://localhost:${sim.port}`,
    instagramOAuthUrl: `http://localhost:${sim.port}/ig-www`,
    instagramApiUrl: `http://127.0.0.1:${sim.port}/ig-api`,
    instagramGraphBaseUrl: `http://127.0.0.1:${sim.port}/ig-graph`,
    customerPageUrl: `http://localhost:${sim.port}/customer`,
  };
}
