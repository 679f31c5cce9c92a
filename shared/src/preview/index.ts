// Pure helpers the client uses to preview a sheet's effect and to draw the quarter's deals.
// No I/O, no DOM: the client shows them, the engine decides.
export * from "./sheet.ts";
export * from "./flows.ts";
export type { SeatBook, BookDebt, BookLoan, BookParams } from "./book.ts";
