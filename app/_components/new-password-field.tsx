import { TextField } from "@/app/_components/text-field";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/app/_lib/schemas/limits";

type Props = { id: string; name: string; label: string; errors?: string[]; hintAfter?: string };

/** A field for choosing a password: the limits the schema checks, told and enforced by the browser too. */
export function NewPasswordField({ id, name, label, errors, hintAfter }: Props) {
  return (
    <TextField
      id={id}
      name={name}
      label={label}
      type="password"
      autoComplete="new-password"
      required
      minLength={PASSWORD_MIN}
      maxLength={PASSWORD_MAX}
      hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters.${hintAfter ? ` ${hintAfter}` : ""}`}
      errors={errors}
    />
  );
}
