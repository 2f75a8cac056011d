// trial/day-07.mjml written by hand: the limit a compiler can reach (see dropbox.mjs).
import { chunks, encodeAll, escHtml, escQuery, escUrl, Writer } from "./chunks.mjs";

const T = chunks("trial-day-07");
// The head: the three-column media query only with the power-user block (drips or rules).
T.headOne = T.start + T.H1 + T.H3;
T.headThree = T.start + T.H0 + T.H1 + T.H2 + T.H3;
const B = encodeAll(T);

const numbers = new Intl.NumberFormat("en-US");

export function renderHtml(d) {
  const automated = d.drips_created > 0 || d.automation_rules > 0;
  const started = d.lists_created > 0 || d.tags_created > 0 || d.contacts_imported > 0;
  const id = escQuery(String(d.id ?? ""));
  let o = automated ? T.headThree : T.headOne;
  o += (automated ? T[0] : d.campaigns_sent > 0 ? T[1] : started ? T[2] : T[3]) + T[4] + T.A0;
  o += (started ? T[5] : T[6]) + T[7] + escHtml(d.FirstName || "there") + T[8];
  if (d.trial_days_left > 0) o += T[9] + d.trial_days_left + T[10];
  o += T[11];
  if (started) o += T[12] + escHtml(d.company || "your account") + T[13];
  o += T[14];
  if (started) {
    o += T[15] + (d.lists_created > 0 ? T[16] + d.lists_created + T[17] : T[18]) + T[19];
    o += (d.tags_created > 0 ? T[20] + d.tags_created + T[21] : T[22]) + T[23];
    o += (d.contacts_imported > 0 ? T[24] + numbers.format(d.contacts_imported) + T[25] : T[26]) + T[27];
    o += (d.campaigns_sent > 0 ? T[28] + d.campaigns_sent + T[29] : T[30]) + T[31];
    o += (d.drips_created > 0 ? T[32] + d.drips_created + T[33] : T[34]) + T[35];
    o += (d.automation_rules > 0 ? T[36] + d.automation_rules + T[37] : T[38]) + T[39];
  }
  o += T[40];
  if (automated) {
    o += T[41];
    if (d.drips_created > 0) {
      o += T[42] + d.drips_created + T[43];
      if (d.drips_created !== 1) o += T[44];
      o += T[45];
      if (d.automation_rules > 0) o += T[46];
      o += T[47];
    }
    o += T[48];
    if (d.automation_rules > 0) {
      o += T[49] + d.automation_rules + T[50];
      if (d.automation_rules !== 1) o += T[51];
      o += T[52];
    }
    o += T[53] + id + T[54];
  } else if (d.campaigns_sent > 0) {
    o += T[55];
    const rate = d.open_rate;
    if (rate) o += T[56] + rate.toFixed(1) + "%" + T[57] + (rate > 21 ? T[58] : T[59]) + T[60];
    o += T[61] + id + T[62];
  } else if (d.contacts_imported > 0) {
    o += T[63] + id + T[64];
  } else if (d.lists_created > 0 || d.tags_created > 0) {
    o += T[65] + (d.tags_created > 0 ? T[66] : T[67]) + T[68] + id + T[69];
  } else {
    o += T[70];
    const am = d.account_manager;
    if (am) o += T[71] + escHtml(escUrl(am.calendar_url ?? "")) + T[72] + escHtml(am.name ?? "") + T[73];
    else o += T[74] + id + T[75];
    o += T[76];
  }
  o += T[77];
  const steps = d.suggested_steps;
  if (steps && steps.length > 0) {
    o += T[78];
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      o += T[79] + (i + 1) + T[80] + escHtml(escUrl(s.url ?? "")) + T[81] + escHtml(s.title ?? "") + T[82] + s.minutes + T[83] + escHtml(s.description ?? "") + T[84];
    }
    o += T[85];
  }
  o += T[86];
  if (d.company) o += T[87] + escHtml(d.company) + T[88];
  return o + T[89] + id + T[90];
}

const w = new Writer();

export function renderHtmlShared(d) {
  const automated = d.drips_created > 0 || d.automation_rules > 0;
  const started = d.lists_created > 0 || d.tags_created > 0 || d.contacts_imported > 0;
  const id = escQuery(String(d.id ?? ""));
  w.reset();
  w.put(automated ? B.headThree : B.headOne);
  w.put(automated ? B[0] : d.campaigns_sent > 0 ? B[1] : started ? B[2] : B[3]);
  w.put(B[4]);
  w.put(B.A0);
  w.put(started ? B[5] : B[6]);
  w.put(B[7]);
  w.str(escHtml(d.FirstName || "there"));
  w.put(B[8]);
  if (d.trial_days_left > 0) { w.put(B[9]); w.str(String(d.trial_days_left)); w.put(B[10]); }
  w.put(B[11]);
  if (started) { w.put(B[12]); w.str(escHtml(d.company || "your account")); w.put(B[13]); }
  w.put(B[14]);
  if (started) {
    w.put(B[15]);
    if (d.lists_created > 0) { w.put(B[16]); w.str(String(d.lists_created)); w.put(B[17]); } else w.put(B[18]);
    w.put(B[19]);
    if (d.tags_created > 0) { w.put(B[20]); w.str(String(d.tags_created)); w.put(B[21]); } else w.put(B[22]);
    w.put(B[23]);
    if (d.contacts_imported > 0) { w.put(B[24]); w.str(numbers.format(d.contacts_imported)); w.put(B[25]); } else w.put(B[26]);
    w.put(B[27]);
    if (d.campaigns_sent > 0) { w.put(B[28]); w.str(String(d.campaigns_sent)); w.put(B[29]); } else w.put(B[30]);
    w.put(B[31]);
    if (d.drips_created > 0) { w.put(B[32]); w.str(String(d.drips_created)); w.put(B[33]); } else w.put(B[34]);
    w.put(B[35]);
    if (d.automation_rules > 0) { w.put(B[36]); w.str(String(d.automation_rules)); w.put(B[37]); } else w.put(B[38]);
    w.put(B[39]);
  }
  w.put(B[40]);
  if (automated) {
    w.put(B[41]);
    if (d.drips_created > 0) {
      w.put(B[42]); w.str(String(d.drips_created)); w.put(B[43]);
      if (d.drips_created !== 1) w.put(B[44]);
      w.put(B[45]);
      if (d.automation_rules > 0) w.put(B[46]);
      w.put(B[47]);
    }
    w.put(B[48]);
    if (d.automation_rules > 0) {
      w.put(B[49]); w.str(String(d.automation_rules)); w.put(B[50]);
      if (d.automation_rules !== 1) w.put(B[51]);
      w.put(B[52]);
    }
    w.put(B[53]); w.str(id); w.put(B[54]);
  } else if (d.campaigns_sent > 0) {
    w.put(B[55]);
    const rate = d.open_rate;
    if (rate) {
      w.put(B[56]); w.str(rate.toFixed(1) + "%"); w.put(B[57]);
      w.put(rate > 21 ? B[58] : B[59]);
      w.put(B[60]);
    }
    w.put(B[61]); w.str(id); w.put(B[62]);
  } else if (d.contacts_imported > 0) {
    w.put(B[63]); w.str(id); w.put(B[64]);
  } else if (d.lists_created > 0 || d.tags_created > 0) {
    w.put(B[65]); w.put(d.tags_created > 0 ? B[66] : B[67]); w.put(B[68]); w.str(id); w.put(B[69]);
  } else {
    w.put(B[70]);
    const am = d.account_manager;
    if (am) { w.put(B[71]); w.str(escHtml(escUrl(am.calendar_url ?? ""))); w.put(B[72]); w.str(escHtml(am.name ?? "")); w.put(B[73]); }
    else { w.put(B[74]); w.str(id); w.put(B[75]); }
    w.put(B[76]);
  }
  w.put(B[77]);
  const steps = d.suggested_steps;
  if (steps && steps.length > 0) {
    w.put(B[78]);
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      w.put(B[79]); w.str(String(i + 1)); w.put(B[80]);
      w.str(escHtml(escUrl(s.url ?? ""))); w.put(B[81]);
      w.str(escHtml(s.title ?? "")); w.put(B[82]);
      w.str(String(s.minutes)); w.put(B[83]);
      w.str(escHtml(s.description ?? "")); w.put(B[84]);
    }
    w.put(B[85]);
  }
  w.put(B[86]);
  if (d.company) { w.put(B[87]); w.str(escHtml(d.company)); w.put(B[88]); }
  w.put(B[89]); w.str(id); w.put(B[90]);
  return w.done();
}
