/**
 * A recovery code as typed: ten letters and digits, in any case, with or without the dash ("K7QMX-3HRTP").
 * Kept free of zod so the sign-in page checks the same rule without bundling (and running) the schema library.
 */
export const RECOVERY_CODE_FORMAT = /^[A-Za-z0-9]{5}[- ]?[A-Za-z0-9]{5}$/;
