#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { run } from "../lib/cli.js";

const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const stdin = async () => {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
};
const code = await run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin,
  color: !!process.stderr.isTTY && !process.env.NO_COLOR,
  version,
});
process.exitCode = code;
