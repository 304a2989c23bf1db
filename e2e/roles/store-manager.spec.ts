import { tourRole } from "./role-tour";

tourRole("store_manager");
