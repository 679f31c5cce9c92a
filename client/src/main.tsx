// The browser client's entry: styles, the app, and the way back into a room after a reload.
import { render } from "preact";
import "./styles.css";
import { boot } from "./net.ts";
import { bootClass } from "./classNet.ts";
import { App } from "./ui/app.tsx";

render(<App />, document.getElementById("app")!);
void bootClass().then((isClass) => (isClass ? undefined : boot()));
