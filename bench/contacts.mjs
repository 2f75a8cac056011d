// Seeded contacts for the render benchmark: the same 1,000 contacts on every run, covering
// every branch of each email (bench/coverage.mjs proves it), with the values that make
// escaping and formatting work: & < > " ' in names, companies, ids and URLs, non-ASCII
// names, empty and missing fields. Every numeric field the templates compare is present
// (Go's text/template fails on `gt` of a missing value; microtarget treats it as false).

/** mulberry32 is a tiny seeded PRNG: a function returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tools(seed) {
  const rand = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  return { rand, int, pick, chance };
}

const FIRST_NAMES = [
  "Sofia", "Noah", "Amara", "Lucas", "Mei", "Olivia", "Ethan", "Priya", "Marco", "Lena", "Aisha", "Daniel",
  "Zoë", "José", "Björn", "Łucja", "美咲", "Ngọc Anh", "Siobhán", "D'Angelo", "Anne-Marie", "O'Brien",
  "Ana & Bo", "<Sam>", "\"Kit\"",
];

function firstName(t) {
  const r = t.rand();
  if (r < 0.08) return undefined; // missing
  if (r < 0.14) return ""; // empty: the fallback
  return t.pick(FIRST_NAMES);
}

function id(t, prefix, n) {
  // a few ids with characters that need escaping in an attribute
  return t.chance(0.03) ? t.pick([`c 42&x${n}`, `u_<${n}>`, `a"b'${n}`]) : `${prefix}${(n * 7919 + 104729).toString(36)}`;
}

const DROPBOX_TAGS = ["connect_fb_with_dropbox", "following_twitter_dropbox_account", "tell_us_why_you_love_dropbox"];
const OTHER_TAGS = ["photos_uploader", "newsletter", "mobile_app", "paper_user"];

/** dropboxContacts: the 8 tag combinations in about equal numbers, other tags mixed in, tags sometimes missing. */
export function dropboxContacts(count = 1000, seed = 20240607) {
  const t = tools(seed);
  const contacts = [];
  for (let n = 0; n < count; n++) {
    const c = { id: id(t, "u_", n) };
    const name = firstName(t);
    if (name !== undefined) c.FirstName = name;
    const tags = [];
    for (const tag of DROPBOX_TAGS) if (t.chance(0.5)) tags.push(tag);
    for (const tag of OTHER_TAGS) if (t.chance(0.15)) tags.splice(t.int(0, tags.length), 0, tag);
    if (tags.length > 0 || t.chance(0.7)) c.tags = tags; // else: no tags field at all
    if (t.chance(0.5)) c.referral_url = `https://www.dropbox.com/referrals/AA${(n * 2654435761 >>> 0).toString(36)}?src=email&lang=${t.pick(["en", "fr", "de"])}`;
    contacts.push(c);
  }
  return contacts;
}

const COMPANIES = [
  "Kettle & Crumb Bakery", "Ciao Pasta Bar", "Brightside Yoga", "Fernleaf Studio", "L'Atelier Nord", "Café Zoë",
  "\"Quoted\" Consulting", "Müller <GmbH>", "Northwind Traders", "Blue Ox Outfitters", "Hanami 花見 Tea",
];
const STEPS = [
  ["Add a goal to your drip", "Stop the sequence when someone places an order.", 4, "https://app.example.com/drips?tab=goals&src=day7"],
  ["Try send-time optimisation", "Turn it on for your next campaign.", 1, "https://app.example.com/campaigns/new?sto=on"],
  ["Import your contacts", "Apply your tags during the import.", 5, "https://app.example.com/contacts/import"],
  ["Add a signup form", "Tag new subscribers as \"newsletter\" automatically.", 5, "https://app.example.com/forms/new"],
  ["Send a test campaign to yourself", "See exactly what your subscribers will see.", 3, "https://app.example.com/campaigns/new?test=1"],
  ["Build a welcome drip", "Three emails for every new member.", 10, "https://app.example.com/drips/new?template=welcome"],
  ["Win back quiet members", "A drip for people who have not opened in 60 days.", 8, "https://app.example.com/drips/new?template=win-back&days=60"],
  ["Segment by <b>tags</b> & lists", "Send each group only what it cares about.", 6, "https://app.example.com/segments/new"],
  ["Connect Shopify", "Orders and customers stay in sync, both ways.", 7, "https://app.example.com/integrations/shopify"],
];

/** openRate: a percentage with two decimals, never integral (Go would read it as an int) and never an exact tie for %.1f. */
function openRate(t) {
  const whole = t.int(4, 64);
  const tenths = t.int(0, 9);
  const hundredths = t.pick([1, 2, 3, 4, 6, 7, 8, 9]);
  return Number(`${whole}.${tenths}${hundredths}`);
}

/** trialContacts: every activity stage of a trial's first week in about equal numbers. */
export function trialContacts(count = 1000, seed = 20240701) {
  const t = tools(seed);
  const STAGES = ["nothing", "list", "tag", "list+tag", "imported", "sent", "drips", "rules", "drips+rules"];
  const contacts = [];
  for (let n = 0; n < count; n++) {
    const stage = STAGES[n % STAGES.length];
    const c = { id: id(t, "c_", n) };
    const name = firstName(t);
    if (name !== undefined) c.FirstName = name;
    const r = t.rand();
    if (r < 0.85) c.company = t.pick(COMPANIES);
    else if (r < 0.92) c.company = "";
    c.plan = "trial";
    c.trial_days_left = t.chance(0.1) ? 0 : t.int(1, 14);
    const later = ["imported", "sent", "drips", "rules", "drips+rules"].includes(stage);
    c.lists_created = stage === "list" || stage === "list+tag" || (later && t.chance(0.8)) ? t.int(1, 4) : 0;
    c.tags_created = stage === "tag" || stage === "list+tag" || (later && t.chance(0.7)) ? t.int(1, 12) : 0;
    c.contacts_imported = later ? t.pick([t.int(12, 999), t.int(1000, 9999), t.int(10000, 250000)]) : 0;
    c.campaigns_sent = stage === "sent" || ((stage === "drips" || stage === "rules" || stage === "drips+rules") && t.chance(0.6)) ? t.int(1, 9) : 0;
    if (c.campaigns_sent > 0) {
      const o = t.rand();
      if (o < 0.8) c.open_rate = openRate(t);
      else if (o < 0.9) c.open_rate = 0; // sent, nothing opened yet: `with` skips it
      // else: no open rate yet
    }
    c.drips_created = stage === "drips" || stage === "drips+rules" ? t.pick([1, 1, 2, 3]) : 0;
    c.automation_rules = stage === "rules" || stage === "drips+rules" ? t.pick([1, 1, 2, 4]) : 0;
    if (t.chance(stage === "nothing" ? 0.5 : 0.15)) {
      const who = t.pick([["Daniel Okafor", "daniel-okafor"], ["Maya Lindqvist", "maya"], ["Seán O'Neill", "sean"], ["Ana & Team", "onboarding"]]);
      c.account_manager = { name: who[0], email: `${who[1]}@example.com`, calendar_url: `https://cal.example.com/${who[1]}?duration=20&ref=trial-day-7` };
    }
    const s = t.rand();
    if (s < 0.7) {
      const steps = [];
      const k = t.int(1, 4);
      let at = t.int(0, STEPS.length - 1);
      for (let i = 0; i < k; i++, at = (at + 1 + t.int(0, 2)) % STEPS.length) {
        const [title, description, minutes, url] = STEPS[at];
        steps.push({ title, description, minutes, url });
      }
      c.suggested_steps = steps;
    } else if (s < 0.8) c.suggested_steps = [];
    // else: no suggested_steps field
    contacts.push(c);
  }
  return contacts;
}

/**
 * BRANCHES: for each email, a text that appears in the HTML only when one branch is taken.
 * Coverage means each one is in some outputs and missing from others (bench/coverage.mjs).
 */
export const BRANCHES = {
  dropbox: [
    ["preview: every bonus", "every bonus is yours."],
    ["preview: some bonus", "what is still on the table."],
    ["preview: no bonus", "Three quick ways to earn 125 MB each."],
    ["all three: hero", "You earned everything, "],
    ["all three: fallback name", "You earned everything, friend<"],
    ["all three: referral URL", 'href="https://www.dropbox.com/referrals/'],
    ["all three: default referral URL", 'href="https://www.dropbox.com/referrals"'],
    ["some: thank you", "Thank you! Your bonus space is in"],
    ["none: headline", "Get more space, free"],
    ["fallback name", "Hi there,"],
    ["two earned: 250 MB", "We have added 250 MB"],
    ["one earned: 125 MB", "We have added 125 MB"],
    ["none: three ways", "There are three quick ways"],
    ["facebook block", "Thanks for connecting Facebook"],
    ["twitter block", "Thanks for following @Dropbox"],
    ["love block", "Thanks for telling us why you love Dropbox"],
    ["still up: 125 MB", "Still up for grabs: 125 MB"],
    ["still up: 250 MB", "Still up for grabs: 250 MB"],
    ["not facebook", "Connect for 125 MB"],
    ["not twitter", "Follow for 125 MB"],
    ["not love", "Write a note for 125 MB"],
    ["three columns", "A sentence or two on why you love Dropbox."],
    ["head: three-column media query", ".mj-column-per-33-333333333333336 {"],
    ["escaped id (in a URL query)", "?u=c%2042%26x"],
  ],
  "trial-day-07": [
    ["preview: automated", "Automation is running."],
    ["preview: sent", "the one feature that saves the most time."],
    ["preview: started", "the quickest way to your first campaign."],
    ["preview: nothing", "Twenty minutes on a call"],
    ["headline: started", "Your week in numbers</div>"],
    ["headline: nothing", "One week in. Can we help?"],
    ["fallback name", "Hi there, one week"],
    ["days left", " days are left."],
    ["no days left", "trial is behind you."],
    ["company", " Here is where "],
    ["company fallback", "Here is where your account stands:"],
    ["stats table", ">Automation rules</td>"],
    ["stat: lists not yet", ">Lists</td><td style=\"padding:8px 0;text-align:right;font-weight:bold\">Not yet<"],
    ["stat: contacts formatted", /font-weight:bold">\d{1,3},\d{3}</],
    ["drips: one", " 1 drip "],
    ["drips: several", /\d drips/],
    ["drips and rules", /drips? and \d automation/],
    ["rules: one", " 1 automation rule "],
    ["rules: several", /\d automation rules/],
    ["power features", "Send-time optimisation"],
    ["open rate above", "well above the 21% industry average"],
    ["open rate below", "The industry average is about 21%"],
    ["open rate shown", "Your campaigns averaged a <b>"],
    ["sent: drip", "Turn a campaign into a drip"],
    ["imported", "Write your first campaign"],
    ["tags ready", "Your tags are ready"],
    ["list ready", "Your list is ready"],
    ["account manager", "Book 20 minutes with "],
    ["setup call", "Book a setup call"],
    ["next steps", "Your next steps"],
    ["second step", '<span style="color:#5b3df5;font-weight:bold">2.</span>'],
    ["fourth step", '<span style="color:#5b3df5;font-weight:bold">4.</span>'],
    ["footer company", "trial for "],
    ["head: three-column media query", ".mj-column-per-33-333333333333336 {"],
    ["escaped company", "&amp; Crumb"],
    ["escaped step title", "&lt;b&gt;tags&lt;/b&gt; &amp; lists"],
  ],
};
