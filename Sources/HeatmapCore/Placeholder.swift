// HeatmapCore
