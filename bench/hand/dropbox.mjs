// dropbox-earn-space.mjml written by hand: the limit a compiler can reach. Static chunks
// (bench/templates/dropbox.base.html, cut at the markers: see chunks.mjs) joined with the
// escaped values, the template's branches as plain `if`s. renderHtml returns a string;
// renderHtmlShared writes pre-encoded chunks and encodeInto'd values into one reused buffer.
import { chunks, encodeAll, escHtml, escQuery, escUrl, Writer } from "./chunks.mjs";

const T = chunks("dropbox");
// The head: the three-column media query only for the three-column block (no tag earned).
T.headOne = T.start + T.H1 + T.H3;
T.headThree = T.start + T.H0 + T.H1 + T.H2 + T.H3;
const B = encodeAll(T);

const FB = "connect_fb_with_dropbox";
const TW = "following_twitter_dropbox_account";
const LOVE = "tell_us_why_you_love_dropbox";

export function renderHtml(d) {
  const tags = Array.isArray(d.tags) ? d.tags : [];
  const fb = tags.includes(FB), tw = tags.includes(TW), love = tags.includes(LOVE);
  const any = fb || tw || love;
  const all = fb && tw && love;
  const two = (fb && tw) || (fb && love) || (tw && love);
  const id = escQuery(String(d.id ?? ""));
  let o = any ? T.headOne : T.headThree;
  o += (all ? T[0] : any ? T[1] : T[2]) + T[3] + T.A0 + T.A1 + T.A2;
  if (all) {
    o += T[4] + escHtml(d.FirstName || "friend") + T[5] + escHtml(escUrl(d.referral_url || "https://www.dropbox.com/referrals")) + T[6];
  } else {
    o += T[7] + (any ? T[8] : T[9]) + T[10] + escHtml(d.FirstName || "there") + T[11];
    o += any ? T[12] + (two ? T[13] : T[14]) + T[15] : T[16];
    o += T[17];
    if (fb) o += T[18];
    o += T[19];
    if (tw) o += T[20];
    o += T[21];
    if (love) o += T[22];
    o += T[23];
    if (any) {
      o += T[24] + (two ? T[25] : T[26]) + T[27];
      if (!fb) o += T[28] + id + T[29];
      o += T[30];
      if (!tw) o += T[31] + id + T[32];
      o += T[33];
      if (!love) o += T[34] + id + T[35];
      o += T[36];
    } else {
      o += T[37] + id + T[38] + id + T[39] + id + T[40];
    }
    o += T[41];
  }
  return o + T[42] + id + T[43];
}

const w = new Writer();

export function renderHtmlShared(d) {
  const tags = Array.isArray(d.tags) ? d.tags : [];
  const fb = tags.includes(FB), tw = tags.includes(TW), love = tags.includes(LOVE);
  const any = fb || tw || love;
  const all = fb && tw && love;
  const two = (fb && tw) || (fb && love) || (tw && love);
  const id = escQuery(String(d.id ?? ""));
  w.reset();
  w.put(any ? B.headOne : B.headThree);
  w.put(all ? B[0] : any ? B[1] : B[2]);
  w.put(B[3]);
  w.put(B.A0);
  w.put(B.A1);
  w.put(B.A2);
  if (all) {
    w.put(B[4]);
    w.str(escHtml(d.FirstName || "friend"));
    w.put(B[5]);
    w.str(escHtml(escUrl(d.referral_url || "https://www.dropbox.com/referrals")));
    w.put(B[6]);
  } else {
    w.put(B[7]);
    w.put(any ? B[8] : B[9]);
    w.put(B[10]);
    w.str(escHtml(d.FirstName || "there"));
    w.put(B[11]);
    if (any) {
      w.put(B[12]);
      w.put(two ? B[13] : B[14]);
      w.put(B[15]);
    } else w.put(B[16]);
    w.put(B[17]);
    if (fb) w.put(B[18]);
    w.put(B[19]);
    if (tw) w.put(B[20]);
    w.put(B[21]);
    if (love) w.put(B[22]);
    w.put(B[23]);
    if (any) {
      w.put(B[24]);
      w.put(two ? B[25] : B[26]);
      w.put(B[27]);
      if (!fb) { w.put(B[28]); w.str(id); w.put(B[29]); }
      w.put(B[30]);
      if (!tw) { w.put(B[31]); w.str(id); w.put(B[32]); }
      w.put(B[33]);
      if (!love) { w.put(B[34]); w.str(id); w.put(B[35]); }
      w.put(B[36]);
    } else {
      w.put(B[37]); w.str(id); w.put(B[38]); w.str(id); w.put(B[39]); w.str(id); w.put(B[40]);
    }
    w.put(B[41]);
  }
  w.put(B[42]);
  w.str(id);
  w.put(B[43]);
  return w.done();
}
