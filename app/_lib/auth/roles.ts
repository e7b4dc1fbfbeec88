export type Role = "READER" | "MODERATOR" | "ADMIN";
