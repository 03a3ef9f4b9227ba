// Scripts read .env like Next does, without overriding variables set in the shell.
import { config } from "dotenv";

config({ path: ".env", quiet: true });
