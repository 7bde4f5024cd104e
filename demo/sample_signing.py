"""Who signed the fictional sample agreement, and for how long: the sign step asks for both."""

from partnerships.models import Proposal

SAMPLE_SIGNING = {
    "city_signatory_name": {"ind": "Maria Ndun (fiktif)", "en": "Maria Ndun (fictional)",
                            "ja": "マリア・ンドゥン（架空）"},
    "city_signatory_office": {"ind": "Wali Kota Kupang", "en": "Mayor of Kupang",
                              "ja": "クパン市長"},
    "partner_signatory_name": {"ind": "Taro Yamada (fiktif)", "en": "Taro Yamada (fictional)",
                               "ja": "山田太郎（架空）"},
    "partner_signatory_office": {"ind": "Wali Kota Yamabe", "en": "Mayor of Yamabe",
                                 "ja": "山辺市長"},
}  # fmt: skip


def record_sample_signing(proposal):
    columns = {f"{field}_{lang}": text for field, texts in SAMPLE_SIGNING.items()
               for lang, text in texts.items()}  # fmt: skip
    Proposal.objects.filter(pk=proposal.pk).update(term_years=5, **columns)
