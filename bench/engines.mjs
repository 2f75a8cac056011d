// The template engines a team would pick instead of compiling, each set up the way it is fast:
// Handlebars precompiled (only the runtime renders), LiquidJS parsed once (renderSync per
// contact), Eta compiled once. Their templates are bench/templates/<name>.{hbs,liquid,eta}.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import HandlebarsRuntime from "handlebars/runtime.js";
import { Liquid } from "liquidjs";
import { Eta } from "eta";

const numbers = new Intl.NumberFormat("en-US");
const formatNumber = (n) => (typeof n === "number" ? numbers.format(n) : "");

function source(name, ext) {
  return fs.readFileSync(fileURLToPath(new URL(`./templates/${name}.${ext}`, import.meta.url)), "utf8");
}

// ---------------------------------------------------------------- Handlebars
// Helpers for what Handlebars lacks: SendX's hasTag and fallback, Go's and/or/gt/ne, formatting,
// encodeURIComponent for a value in a query string.
const helpers = {
  hasTag: (name, options) => {
    const tags = options.data.root.tags;
    return Array.isArray(tags) && tags.includes(name);
  },
  and: (...args) => {
    for (let i = 0; i < args.length - 1; i++) if (!args[i]) return false;
    return true;
  },
  or: (...args) => {
    for (let i = 0; i < args.length - 1; i++) if (args[i]) return true;
    return false;
  },
  gt: (a, b) => a > b,
  ne: (a, b) => a !== b,
  fallback: (value, fallback) => value || fallback,
  urlquery: (s) => encodeURIComponent(s),
  formatNumber,
  percent1: (x) => x.toFixed(1) + "%",
  add1: (i) => i + 1,
};

export function handlebars(name) {
  // Precompiled at setup as a build step would (knownHelpers lets it call them directly);
  // ignoreStandalone keeps the whitespace around block tags that stand alone on a line.
  const spec = Handlebars.precompile(source(name, "hbs"), {
    knownHelpers: Object.fromEntries(Object.keys(helpers).map((k) => [k, true])),
    ignoreStandalone: true,
  });
  const env = HandlebarsRuntime.create();
  env.registerHelper(helpers);
  const template = env.template(new Function(`return ${spec}`)());
  return (data) => template(data);
}

// ---------------------------------------------------------------- LiquidJS
export function liquid(name) {
  const engine = new Liquid();
  engine.registerFilter("format_number", formatNumber);
  engine.registerFilter("fixed", (x, digits) => Number(x).toFixed(digits));
  const template = engine.parse(source(name, "liquid"));
  return (data) => engine.renderSync(template, data);
}

// ---------------------------------------------------------------- Eta
export function eta(name) {
  // autoTrim off: Eta trims a newline after each tag by default, which would change the HTML.
  const engine = new Eta({ autoTrim: false, autoEscape: true, functionHeader: "const formatNumber = this.helpers.formatNumber;" });
  engine.helpers = { formatNumber };
  const template = engine.compile(source(name, "eta"));
  return (data) => engine.render(template, data);
}
