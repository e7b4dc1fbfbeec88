import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

/**
 * One code is valid for 30 seconds; the step before and the step after are accepted too (a
 * clock a little off, a code typed as it changed), never more.
 */
const TOLERANCE_SECONDS = 30;

export const newAuthenticatorSecret = (): string => generateSecret();

/**
 * The time step this code belongs to, if it is right for the secret now and later than the step
 * last used (so no code is accepted twice); null otherwise.
 */
export async function matchingStep(secret: string, code: string, lastUsedStep: number | null, now = new Date()): Promise<number | null> {
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(now.getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(lastUsedStep === null ? {} : { afterTimeStep: lastUsedStep }),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    // A malformed code, or a last step ahead of the clock: not a code we accept.
    return null;
  }
}

/** What the authenticator app scans: the site's name and the account's address label the entry. */
export function authenticatorUri(email: string, secret: string): string {
  return generateURI({ issuer: "Vetted", label: email, secret });
}

/** The QR code as SVG markup, drawn here: the secret never goes to another service. */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
}
