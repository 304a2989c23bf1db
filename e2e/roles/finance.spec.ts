import { tourRole } from "./role-tour";

tourRole("finance");
