"""The export desk's working pages, under /trade/."""

from django.urls import path

from canting.trade.views import buyers, documents, figures, orders, readiness, reference

app_name = "trade"
urlpatterns = [
    # Orders and their documents (orders: views/orders.py; documents: views/documents.py)
    path("", orders.OrderListView.as_view(), name="order-list"),
    path("orders/new/", orders.OrderCreateView.as_view(), name="order-create"),
    path("orders/<int:pk>/", orders.OrderDetailView.as_view(), name="order-detail"),
    path("orders/<int:pk>/edit/", orders.OrderEditView.as_view(), name="order-edit"),
    path("orders/<int:pk>/lines/", orders.OrderLinesView.as_view(), name="order-lines"),
    path("orders/<int:pk>/packages/", orders.OrderPackagesView.as_view(), name="order-packages"),
    path("orders/<int:pk>/status/", orders.OrderStatusView.as_view(), name="order-status"),
    path("orders/<int:pk>/documents/", documents.DocumentsView.as_view(), name="order-documents"),
    path("orders/<int:pk>/documents/<str:kind>.<str:fmt>", documents.DocumentView.as_view(), name="order-document"),
    # Buyers (views/buyers.py)
    path("buyers/", buyers.BuyerListView.as_view(), name="buyer-list"),
    path("buyers/new/", buyers.BuyerCreateView.as_view(), name="buyer-create"),
    path("buyers/<int:pk>/", buyers.BuyerDetailView.as_view(), name="buyer-detail"),
    path("buyers/<int:pk>/edit/", buyers.BuyerEditView.as_view(), name="buyer-edit"),
    path("leads/<int:pk>/inquiry/", buyers.LeadInquiryView.as_view(), name="lead-inquiry"),
    # Export readiness, profile and figures (views/readiness.py, views/figures.py)
    path("readiness/", readiness.MyReadinessView.as_view(), name="my-readiness"),
    path("enterprises/<int:pk>/readiness/", readiness.ReadinessView.as_view(), name="readiness"),
    path("enterprises/<int:pk>/profile/", readiness.ProfileView.as_view(), name="profile"),
    path("figures/", figures.FiguresView.as_view(), name="figures"),
    # Products' export facts (views/reference.py)
    path("products/<int:pk>/export/", reference.ProductExportView.as_view(), name="product-export"),
    # Reference data (views/reference.py)
    path("reference/hs/", reference.HsCodeListView.as_view(), name="hs-list"),
    path("reference/hs/new/", reference.HsCodeFormView.as_view(), name="hs-create"),
    path("reference/hs/<int:pk>/edit/", reference.HsCodeFormView.as_view(), name="hs-edit"),
    path("reference/incoterms/", reference.IncotermListView.as_view(), name="incoterm-list"),
    path("reference/incoterms/<int:pk>/edit/", reference.IncotermFormView.as_view(), name="incoterm-edit"),
    path("reference/origin/", reference.OriginRuleListView.as_view(), name="origin-list"),
    path("reference/origin/new/", reference.OriginRuleFormView.as_view(), name="origin-create"),
    path("reference/origin/<int:pk>/edit/", reference.OriginRuleFormView.as_view(), name="origin-edit"),
    path("reference/markets/", reference.MarketNoteListView.as_view(), name="market-list"),
    path("reference/markets/new/", reference.MarketNoteFormView.as_view(), name="market-create"),
    path("reference/markets/<int:pk>/edit/", reference.MarketNoteFormView.as_view(), name="market-edit"),
    path("reference/rates/", reference.ExchangeRateListView.as_view(), name="rate-list"),
    path("reference/rates/new/", reference.ExchangeRateFormView.as_view(), name="rate-create"),
    path("reference/rates/<int:pk>/edit/", reference.ExchangeRateFormView.as_view(), name="rate-edit"),
    path("reference/customs/", reference.CustomsRuleListView.as_view(), name="customs-list"),
    path("reference/customs/<int:pk>/edit/", reference.CustomsRuleFormView.as_view(), name="customs-edit"),
]
