import { emptyModel, learnExamples, type SpamLabel } from "./classifier";

/**
 * What a new site's filter knows before its moderators have decided anything: a few comments of
 * the kinds every comment board receives. Moderators' decisions soon outweigh them.
 */
export const STARTER_EXAMPLES: { text: string; label: SpamLabel }[] = [
  { label: "spam", text: "Buy cheap viagra online, no prescription needed, fast discreet shipping: https://pills-discount.example" },
  { label: "spam", text: "Great post! Check out my website for the best casino bonus and free spins https://casino-bonus.example" },
  { label: "spam", text: "I earn $500 a day working from home with this simple trick. Click here to start making money now!" },
  { label: "spam", text: "Best SEO services, buy backlinks and followers cheap. Rank your website first on Google today." },
  { label: "spam", text: "Hot singles in your area are waiting to meet you tonight, sign up free https://dating-now.example" },
  { label: "spam", text: "Get your crypto investment doubled in 24 hours, guaranteed profit, contact our bitcoin expert on WhatsApp" },
  { label: "spam", text: "Replica watches and designer handbags at wholesale prices, free shipping worldwide, order now" },
  { label: "spam", text: "Nice article. Loans approved instantly with bad credit, apply online in minutes at our site" },
  { label: "spam", text: "Lose 20 pounds in two weeks with this miracle weight loss pill doctors don't want you to know about" },
  { label: "spam", text: "Very informative blog, thanks for sharing. Visit us for cheap essay writing service and homework help" },
  { label: "spam", text: "Download free movies, cracked software and keygens, unlimited access, click the link in my profile" },
  { label: "spam", text: "Limited offer!!! Win a free iPhone, claim your prize now before it expires, enter your details here" },
  { label: "ham", text: "Thank you for this careful summary. In my practice we stopped ordering follow-up MRI for sciatica unless symptoms change." },
  { label: "ham", text: "I had surgery for a herniated disc two years ago and the scan afterwards still showed changes, which worried me at the time." },
  { label: "ham", text: "Could the authors say how many patients in the trial had a second scan, and whether the radiologists were blinded?" },
  { label: "ham", text: "The point about imaging findings not matching how patients feel is important; it deserves to be better known among GPs." },
  { label: "ham", text: "I disagree with the conclusion. The sample was small and the follow-up period too short to rule out later benefit." },
  { label: "ham", text: "As a physiotherapist I see many people reassured by exercise and time rather than by another scan." },
  { label: "ham", text: "Is there a plain-language version of this study I could share with my patients and their families?" },
  { label: "ham", text: "Interesting response. The editorial in the same issue makes a similar argument about overdiagnosis." },
  { label: "ham", text: "My mother's neurologist recommended waiting six weeks before any imaging, which matches what you describe here." },
  { label: "ham", text: "Good discussion. I would add that cost and waiting lists matter too when deciding whether to repeat an MRI." },
  { label: "ham", text: "The reply above makes a fair point, but the guideline you cite was updated last year and changed this advice." },
  { label: "ham", text: "Thanks for publishing the responses alongside the article; reading the debate helped me understand the evidence." },
];

let starter: string | null = null;

/** The starter model in wink's format, made once per process. */
export function starterModel(): string {
  starter ??= learnExamples(emptyModel(), STARTER_EXAMPLES);
  return starter;
}
