/** Recovery codes as shown the one time they exist in plain text. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div role="status">
      <p>
        <strong>Save these recovery codes now; they will not be shown again.</strong> Each one signs you in once if you lose your authenticator app.
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}
