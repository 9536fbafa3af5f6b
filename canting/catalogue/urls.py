"""The catalogue's working pages: artisans keep their products, staff keep motifs and feature pieces."""

from django.urls import path

from canting.catalogue.views import feed, motifs, products

app_name = "catalogue"
urlpatterns = [
    path("products/", products.ProductListView.as_view(), name="product-list"),
    path("products/new/", products.ProductCreateView.as_view(), name="product-create"),
    path("products/<int:pk>/", products.ProductUpdateView.as_view(), name="product-edit"),
    path("products/<int:pk>/status/", products.ProductStatusView.as_view(), name="product-status"),
    path("products/<int:pk>/feature/", products.ProductFeatureView.as_view(), name="product-feature"),
    path("pictures/<int:pk>/delete/", products.PictureDeleteView.as_view(), name="picture-delete"),
    path("motifs/", motifs.MotifListView.as_view(), name="motif-list"),
    path("motifs/new/", motifs.MotifCreateView.as_view(), name="motif-create"),
    path("motifs/<int:pk>/", motifs.MotifUpdateView.as_view(), name="motif-edit"),
    path("feed.<str:fmt>", feed.FeedView.as_view(), name="feed"),
]
