from canting.catalogue.models.motifs import Motif
from canting.catalogue.models.pictures import Picture
from canting.catalogue.models.products import Fabric, Product, ProductStatus, ProductType

__all__ = ["Fabric", "Motif", "Picture", "Product", "ProductStatus", "ProductType"]
