// Writes missing secrets into .env (first run).
import { ensureEnvFile } from "./lib/env-file";

const added = ensureEnvFile();
if (added.length) console.log(`.env: generated ${added.join(", ")}`);
