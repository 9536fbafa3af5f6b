"""The export desk's working pages, under /trade/."""

from django.urls import path

from canting.trade.views._stub import Stub

app_name = "trade"
urlpatterns = [
    # Orders and their documents (orders: views/orders.py; documents: views/documents.py)
    path("", Stub.as_view(), name="order-list"),
    path("orders/new/", Stub.as_view(), name="order-create"),
    path("orders/<int:pk>/", Stub.as_view(), name="order-detail"),
    path("orders/<int:pk>/edit/", Stub.as_view(), name="order-edit"),
    path("orders/<int:pk>/lines/", Stub.as_view(), name="order-lines"),
    path("orders/<int:pk>/packages/", Stub.as_view(), name="order-packages"),
    path("orders/<int:pk>/status/", Stub.as_view(), name="order-status"),
    path("orders/<int:pk>/documents/", Stub.as_view(), name="order-documents"),
    path("orders/<int:pk>/documents/<str:kind>.<str:fmt>", Stub.as_view(), name="order-document"),
    # Buyers (views/buyers.py)
    path("buyers/", Stub.as_view(), name="buyer-list"),
    path("buyers/new/", Stub.as_view(), name="buyer-create"),
    path("buyers/<int:pk>/", Stub.as_view(), name="buyer-detail"),
    path("buyers/<int:pk>/edit/", Stub.as_view(), name="buyer-edit"),
    path("leads/<int:pk>/inquiry/", Stub.as_view(), name="lead-inquiry"),
    # Export readiness, profile and figures (views/readiness.py, views/figures.py)
    path("readiness/", Stub.as_view(), name="my-readiness"),
    path("enterprises/<int:pk>/readiness/", Stub.as_view(), name="readiness"),
    path("enterprises/<int:pk>/profile/", Stub.as_view(), name="profile"),
    path("figures/", Stub.as_view(), name="figures"),
    # Products' export facts (views/reference.py)
    path("products/<int:pk>/export/", Stub.as_view(), name="product-export"),
    # Reference data (views/reference.py)
    path("reference/hs/", Stub.as_view(), name="hs-list"),
    path("reference/hs/new/", Stub.as_view(), name="hs-create"),
    path("reference/hs/<int:pk>/edit/", Stub.as_view(), name="hs-edit"),
    path("reference/incoterms/", Stub.as_view(), name="incoterm-list"),
    path("reference/incoterms/<int:pk>/edit/", Stub.as_view(), name="incoterm-edit"),
    path("reference/origin/", Stub.as_view(), name="origin-list"),
    path("reference/origin/new/", Stub.as_view(), name="origin-create"),
    path("reference/origin/<int:pk>/edit/", Stub.as_view(), name="origin-edit"),
    path("reference/markets/", Stub.as_view(), name="market-list"),
    path("reference/markets/new/", Stub.as_view(), name="market-create"),
    path("reference/markets/<int:pk>/edit/", Stub.as_view(), name="market-edit"),
    path("reference/rates/", Stub.as_view(), name="rate-list"),
    path("reference/rates/new/", Stub.as_view(), name="rate-create"),
    path("reference/rates/<int:pk>/edit/", Stub.as_view(), name="rate-edit"),
    path("reference/customs/", Stub.as_view(), name="customs-list"),
    path("reference/customs/<int:pk>/edit/", Stub.as_view(), name="customs-edit"),
]
