"""The Customer voice page: import, Net Promoter dashboard, themes into the canvas, actions."""
