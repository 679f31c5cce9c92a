// The synchronized state of a class session: what the teacher's console, the projector and the
// students' phones show. Markets are the summaries each market room pushes to its session; money,
// prices and rates are float64.
import { schema, t, type SchemaType } from "@colyseus/schema";

export const ClassStudent = schema(
  {
    id: t.string().default(""),
    name: t.string().default(""),
    /** Market index and seat once placed (-1 before the start). */
    market: t.int16().default(-1),
    seat: t.int8().default(-1),
    company: t.string().default(""),
    role: t.string().default(""),
    connected: t.boolean().default(true),
  },
  "ClassStudent",
);
export type ClassStudent = SchemaType<typeof ClassStudent>;

export const ClassSeat = schema(
  {
    seat: t.uint8().default(0),
    company: t.string().default(""),
    companyId: t.string().default(""),
    role: t.string().default(""),
    /** The student's id, or "" for a bot. */
    student: t.string().default(""),
    player: t.string().default(""),
    bot: t.boolean().default(true),
    connected: t.boolean().default(false),
    submitted: t.boolean().default(false),
    price: t.float64().default(0),
    score: t.float64().default(0),
    bankrupt: t.boolean().default(false),
  },
  "ClassSeat",
);
export type ClassSeat = SchemaType<typeof ClassSeat>;

export const ClassMarket = schema(
  {
    index: t.uint8().default(0),
    roomId: t.string().default(""),
    round: t.uint8().default(0),
    rounds: t.uint8().default(0),
    phase: t.string().default("lobby"),
    deadline: t.float64().default(0),
    paused: t.boolean().default(false),
    hype: t.float64().default(0),
    benchmark: t.float64().default(0),
    gpuSpot: t.float64().default(0),
    defaults: t.uint16().default(0),
    marginCalls: t.uint16().default(0),
    finished: t.boolean().default(false),
    news: t.array("string"),
    seats: t.array(ClassSeat),
  },
  "ClassMarket",
);
export type ClassMarket = SchemaType<typeof ClassMarket>;

export const ClassroomState = schema(
  {
    code: t.string().default(""),
    /** The join link's path for students ("/class/KXPRTM"). */
    link: t.string().default(""),
    /** lobby | running | ended */
    phase: t.string().default("lobby"),
    scenario: t.string().default(""),
    rounds: t.uint8().default(0),
    marketSize: t.uint8().default(0),
    lang: t.string().default("en"),
    decideSeconds: t.float64().default(0),
    paused: t.boolean().default(false),
    /** Session id of the connected teacher console ("" when none). */
    host: t.string().default(""),
    hostName: t.string().default(""),
    students: t.map(ClassStudent),
    markets: t.array(ClassMarket),
  },
  "ClassroomState",
);
export type ClassroomState = SchemaType<typeof ClassroomState>;
