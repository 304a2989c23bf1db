import { tourRole } from "./role-tour";

tourRole("planner");
