import type { DemoSize } from "./demo-sizes";
import { PLANTED } from "./demo-scenarios";
import { createPrng } from "./prng";

export interface DemoLocation {
  code: string;
  name: string;
  type: "STORE" | "DC" | "ECOM";
  region: string;
  cluster: string;
  sourceDc: string | null;
  /** Relative sales volume of the node (1 = an average store). */
  volume: number;
}

export interface DemoSupplier {
  code: string;
  name: string;
  promisedLeadTimeDays: number;
}

export interface DemoCategory {
  department: string;
  category: string;
  subcategories: readonly string[];
  priceRange: readonly [number, number];
  casePack: number;
  /** Day of year of the yearly peak and its relative amplitude. */
  peakDay: number;
  seasonality: number;
}

export interface DemoProduct {
  sku: string;
  name: string;
  category: DemoCategory;
  subcategory: string;
  unitCost: number;
  unitPrice: number;
  supplier: string;
  /** Mean units per day in an average store, before seasonality. */
  baseRate: number;
}

export interface DemoNetwork {
  regions: readonly string[];
  locations: DemoLocation[];
  suppliers: DemoSupplier[];
  products: DemoProduct[];
}

const REGIONS = ["North", "South", "East", "West"] as const;

const CATEGORIES: readonly DemoCategory[] = [
  { department: "Apparel", category: "Tops", subcategories: ["T-shirts", "Shirts", "Knitwear"], priceRange: [12, 60], casePack: 6, peakDay: 100, seasonality: 0.15 },
  { department: "Apparel", category: "Bottoms", subcategories: ["Jeans", "Trousers", "Shorts"], priceRange: [20, 80], casePack: 6, peakDay: 175, seasonality: 0.35 },
  { department: "Apparel", category: "Outerwear", subcategories: ["Jackets", "Coats"], priceRange: [50, 220], casePack: 4, peakDay: 330, seasonality: 0.6 },
  { department: "Footwear", category: "Sneakers", subcategories: ["Running", "Lifestyle"], priceRange: [45, 140], casePack: 6, peakDay: 120, seasonality: 0.15 },
  { department: "Footwear", category: "Boots", subcategories: ["Ankle boots", "Winter boots"], priceRange: [60, 190], casePack: 4, peakDay: 340, seasonality: 0.6 },
  { department: "Home", category: "Cookware", subcategories: ["Pans", "Utensils"], priceRange: [8, 90], casePack: 8, peakDay: 330, seasonality: 0.2 },
  { department: "Home", category: "Bedding", subcategories: ["Duvets", "Sheets"], priceRange: [20, 120], casePack: 6, peakDay: 280, seasonality: 0.15 },
  { department: "Home", category: "Decor", subcategories: ["Candles", "Frames"], priceRange: [5, 40], casePack: 12, peakDay: 350, seasonality: 0.4 },
  { department: "Beauty", category: "Skincare", subcategories: ["Cleansers", "Moisturisers"], priceRange: [6, 45], casePack: 12, peakDay: 60, seasonality: 0.1 },
  { department: "Beauty", category: "Fragrance", subcategories: ["Eau de toilette", "Body mist"], priceRange: [15, 95], casePack: 6, peakDay: 352, seasonality: 0.5 },
  { department: "Outdoor", category: "Garden", subcategories: ["Tools", "Planters"], priceRange: [6, 70], casePack: 6, peakDay: 140, seasonality: 0.7 },
  { department: "Outdoor", category: "Camping", subcategories: ["Tents", "Coolers"], priceRange: [25, 250], casePack: 2, peakDay: 190, seasonality: 0.7 },
];

const STYLES = ["Aero", "Classic", "Nordic", "Urban", "Coast", "Alpine", "Studio", "Field", "Metro", "Soft"] as const;
const COLOURS = ["black", "white", "navy", "sand", "olive", "grey", "red", "blue", "rose", "teal", "ochre"] as const;
const SUPPLIER_NAMES = ["Harbor", "Lumen", "Northwind", "Vertex", "Meridian", "Atlas", "Kestrel", "Orchid", "Pioneer", "Summit"] as const;

/** Master data of the demo retailer: DCs (one per region), an ecommerce node, stores, suppliers, SKUs. */
export function buildDemoNetwork(size: DemoSize, seed: number): DemoNetwork {
  const random = createPrng(seed, "network");
  const regions = REGIONS.slice(0, size.dcs);
  const dcs: DemoLocation[] = regions.map((region, i) => ({
    code: `DC${String(i + 1).padStart(2, "0")}`,
    name: `${region} distribution centre`,
    type: "DC",
    region,
    cluster: "dc",
    sourceDc: null,
    volume: 0,
  }));
  const stores: DemoLocation[] = Array.from({ length: size.stores }, (_, i) => {
    const regionIndex = i % regions.length;
    // Every third store of a region is a city-centre store; the rest are suburban.
    const urban = Math.floor(i / regions.length) % 3 === 0;
    return {
      code: `S${String(i + 1).padStart(3, "0")}`,
      name: `${regions[regionIndex]} ${urban ? "City" : "Park"} ${i + 1}`,
      type: "STORE",
      region: regions[regionIndex]!,
      cluster: urban ? "urban" : "suburban",
      sourceDc: dcs[regionIndex]!.code,
      volume: (urban ? 1.3 : 0.85) * Math.exp(0.25 * random.normal()),
    };
  });
  const ecommerce: DemoLocation = {
    code: "ECOM01",
    name: "Online store",
    type: "ECOM",
    region: "National",
    cluster: "ecom",
    sourceDc: dcs[0]!.code,
    volume: Math.max(2, size.stores * 0.15),
  };

  const suppliers: DemoSupplier[] = Array.from({ length: size.suppliers }, (_, i) => {
    const code = `SUP${String(i + 1).padStart(2, "0")}`;
    return {
      code,
      name: `${SUPPLIER_NAMES[i % SUPPLIER_NAMES.length]} ${["Trading", "Goods", "Manufacturing", "Supply"][i % 4]}${i >= SUPPLIER_NAMES.length ? ` ${Math.floor(i / SUPPLIER_NAMES.length) + 1}` : ""}`,
      promisedLeadTimeDays: code === PLANTED.supplierDelay.supplier ? PLANTED.supplierDelay.promisedDays : random.int(5, 14),
    };
  });

  const subcategories = CATEGORIES.flatMap((category) => category.subcategories.map((subcategory) => ({ category, subcategory })));
  const products: DemoProduct[] = Array.from({ length: size.skus }, (_, i) => {
    const { category, subcategory } = subcategories[i % subcategories.length]!;
    const sku = `SKU${String(i + 1).padStart(4, "0")}`;
    const [low, high] = category.priceRange;
    const unitPrice = Math.round((low + (high - low) * random.next() ** 1.5) * 100) / 100 - 0.01;
    const slow = (i + 1) % PLANTED.slowMoverEvery === 0;
    const fast = !slow && random.next() < 0.12;
    const baseRate = size.rateScale * (slow ? 0.03 + 0.1 * random.next() : fast ? 2 + 3 * random.next() : 0.3 * Math.exp(0.6 * random.normal()) + 0.1);
    // Subcategories spread over suppliers; the wide stride keeps a supplier's range in a few categories.
    const supplierIndex = Math.floor(i / subcategories.length + (i % subcategories.length) * 7) % suppliers.length;
    return {
      sku,
      name: `${STYLES[i % STYLES.length]} ${subcategory.toLowerCase()} ${COLOURS[Math.floor(i / STYLES.length) % COLOURS.length]}`,
      category,
      subcategory,
      unitPrice: Math.max(0.99, unitPrice),
      unitCost: Math.round(unitPrice * (0.38 + 0.2 * random.next()) * 100) / 100,
      supplier: suppliers[supplierIndex]!.code,
      baseRate: sku === PLANTED.phantom.sku ? Math.max(baseRate, 1.2) : baseRate,
    };
  });
  return { regions, locations: [...dcs, ecommerce, ...stores], suppliers, products };
}
