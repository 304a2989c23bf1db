import { tourRole } from "./role-tour";

tourRole("admin");
