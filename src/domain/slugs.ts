/** A slug: lowercase letters and digits joined by single hyphens (`llama-3-1`); the form every record's public key takes. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
