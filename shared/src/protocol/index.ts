// The client↔server protocol of the market room (no network code: see server/ and the client).
export * from "./messages.ts";
export * from "./errors.ts";
export * from "./seats.ts";
export * from "./decide.ts";
export * from "./classroom.ts";
