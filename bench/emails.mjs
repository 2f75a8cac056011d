// The two emails of the render benchmark: the showcase template, its module in a build, its
// contacts, its hand-written render and its engine templates (bench/templates/<name>.*).
import { dropboxContacts, trialContacts } from "./contacts.mjs";

export const EMAILS = [
  {
    name: "dropbox",
    title: "dropbox-earn-space.mjml",
    source: "templates/dropbox-earn-space.mjml",
    module: "dropbox-earn-space.js",
    hand: "./hand/dropbox.mjs",
    contacts: () => dropboxContacts(1000),
  },
  {
    name: "trial-day-07",
    title: "trial/day-07.mjml",
    source: "templates/trial/day-07.mjml",
    module: "trial/day-07.js",
    hand: "./hand/trial-day-07.mjs",
    contacts: () => trialContacts(1000),
  },
];
