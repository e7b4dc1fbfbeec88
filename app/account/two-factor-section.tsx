import type { Viewer } from "@/app/_lib/auth/viewer";
import { formatLongDate } from "@/app/_lib/format";
import { PASSWORD_FIRST } from "@/app/_lib/two-factor/messages";
import { twoFactorStatus } from "@/app/_lib/two-factor/status";
import { TwoFactorChangeForm } from "./two-factor-change-form";
import { TwoFactorConfirmForm } from "./two-factor-confirm-form";
import { TwoFactorStartForm } from "./two-factor-start-form";

/** The key in groups of four, as authenticator apps ask for it when typed by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)!.join(" ");

export async function TwoFactorSection({ viewer, hasPassword }: { viewer: Viewer; hasPassword: boolean }) {
  const status = await twoFactorStatus(viewer);
  return (
    <section aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-factor authentication</h2>
      {viewer.mustSetUpTwoFactor && (
        <p role="alert" className="form-error">
          This site requires two-factor authentication for moderators and admins. Set it up here to use the moderation pages.
        </p>
      )}
      {status.state === "off" && (
        <>
          <p>
            Two-factor authentication is off. With it on, signing in also asks for a code from an authenticator app on your phone (such as Aegis, Google Authenticator or 1Password), so your password alone is not enough.
          </p>
          {hasPassword ? <TwoFactorStartForm /> : <p>{PASSWORD_FIRST}</p>}
        </>
      )}
      {status.state === "pending" && (
        <>
          <p>Scan this QR code with your authenticator app, then enter the code it shows to finish.</p>
          <div className="qr-code" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: status.qrSvg }} />
          <dl>
            <dt>Set-up key (to type in instead of scanning)</dt>
            <dd>
              <code>{grouped(status.secret)}</code>
            </dd>
          </dl>
        </>
      )}
      {/* In one place for both states: turning it on draws the page again (the session is
          renewed), and the recovery codes it answered with stay on screen until they are saved. */}
      {status.state !== "off" && <TwoFactorConfirmForm awaitingCode={status.state === "pending"} />}
      {status.state === "pending" && <TwoFactorStartForm again />}
      {status.state === "on" && (
        <>
          <p>
            Two-factor authentication is on (since {formatLongDate(status.enabledAt)}). Signing in asks for a code from your authenticator app. You have{" "}
            {status.recoveryCodesLeft === 1 ? "1 unused recovery code" : `${status.recoveryCodesLeft} unused recovery codes`}.
          </p>
          <h3>Recovery codes</h3>
          <p>New codes replace every earlier one.</p>
          <TwoFactorChangeForm kind="regenerate" hasPassword={hasPassword} />
          <h3>Turn off two-factor</h3>
          <TwoFactorChangeForm kind="off" hasPassword={hasPassword} />
        </>
      )}
    </section>
  );
}
