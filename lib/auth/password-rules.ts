// Shared by the hashing code (server) and the forms (browser), so it must stay free of node:crypto.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
