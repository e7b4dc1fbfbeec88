/** The user fields the app works with: never the password hash. */
export const viewerSelect = {
  id: true,
  name: true,
  email: true,
  emailVerified: true,
  role: true,
  status: true,
  suspendedUntil: true,
  statusReason: true,
  alwaysPremoderate: true,
  trusted: true,
  createdAt: true,
} as const;
