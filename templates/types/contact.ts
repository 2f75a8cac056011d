/**
 * The data the showcase emails are rendered with. microtarget.config.ts makes `Contact` the
 * default data type of every template; a template that needs more names a richer type in
 * its front matter (`data: ../types/contact.ts#TrialContact`). microtarget checks every
 * field, comparison, loop and tag of a template against its type: a misspelled tag is a
 * build error.
 */

/** Tag is a tag the app sets on a contact when they do something. */
export type Tag =
  | "connect_fb_with_dropbox"
  | "following_twitter_dropbox_account"
  | "tell_us_why_you_love_dropbox"
  | "dropbox_linkedin_follower"
  | "photos_uploader";

/** Contact is what every contact has. */
export interface Contact {
  /** id is the contact's id in the sending platform (for unsubscribe links). */
  id: string;
  FirstName?: string | null;
  company?: string | null;
  tags?: readonly Tag[] | null;
}

/** DropboxContact is a Dropbox user: the earn-space email links their referral page. */
export interface DropboxContact extends Contact {
  referral_url?: string;
}

/** Plan is a trial account's plan: "trial" until they pick one. */
export type Plan = "trial" | "Starter" | "Growth" | "Pro";

/** TrialContact is a trial account's owner, with what they have done so far. */
export interface TrialContact extends Contact {
  plan: Plan;
  trial_days_left: number;
  campaigns_sent: number;
  contacts_imported?: number;
  lists_created?: number;
  tags_created?: number;
  drips_created?: number;
  automation_rules?: number;
  rule_runs?: number;
  /** seats is the number of team seats on a paid plan. */
  seats?: number;
  /** open_rate is a percentage, once a campaign has been sent. */
  open_rate?: number;
  first_list_name?: string;
  tag_names?: readonly string[];
  account_manager?: AccountManager;
  suggested_steps?: readonly Step[];
  suggested_drips?: readonly SuggestedDrip[];
  suggested_automations?: readonly { title: string; minutes: number }[];
  resources?: readonly Resource[];
  recipes?: readonly { when: string; then: string }[];
  top_drip?: { name: string; emails_sent: number; open_rate: number; click_rate: number };
  offer?: Offer;
  billing?: { amount: number; card_brand: string; card_last4: string; next_date: string };
}

export interface AccountManager {
  name: string;
  email: string;
  calendar_url?: string;
}

export interface Step {
  title: string;
  description: string;
  url: string;
  minutes?: number;
}

export interface SuggestedDrip {
  name: string;
  description: string;
  emails: number;
  minutes: number;
  url: string;
}

export interface Resource {
  kind: "Guide" | "Blog post" | "Video" | "Case study" | "Templates" | "Webinar";
  title: string;
  url: string;
  minutes: number;
}

export interface Offer {
  plan: Exclude<Plan, "trial">;
  code: string;
  percent_off: number;
  regular_price: number;
  monthly_price: number;
  /** expires is an ISO date, 2025-06-14. */
  expires: string;
}

/** Shopper is a store's customer, with the style they browse most and products picked for it. */
export interface Shopper extends Contact {
  style: string;
  products: readonly Product[];
}

export interface Product {
  name: string;
  price: number;
  url: string;
  image: string;
}

/** Prospect is a lead for outbound sales. */
export interface Prospect extends Contact {
  designation?: string;
  industry?: string;
}
