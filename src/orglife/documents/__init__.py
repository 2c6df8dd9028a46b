"""Pure-Python documents core: the Material model, parsing and rendering. No Django."""

from orglife.documents.model import Block, Item, Material, Section

__all__ = ["Block", "Item", "Material", "Section"]
