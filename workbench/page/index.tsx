/** The workbench page's entry: renders the app into the page's root (React and Fluent are the page's globals). */
import * as React from "react";
import * as ReactDOM from "react-dom";
import { App } from "./App";

ReactDOM.render(<App />, document.getElementById("workbench"));
