"""The login and logout pages' words, Bahasa Indonesia first (the app's own strings are in ``layouts.strings``)."""

from __future__ import annotations

ID = {
    "judul": "Masuk: PWS-ILP",
    "masuk": "Masuk",
    "nama_pengguna": "Nama pengguna",
    "kata_sandi": "Kata sandi",
    "gagal": "Nama pengguna atau kata sandi salah.",
    "tunggu": "Terlalu banyak percobaan yang gagal. Coba lagi dalam {detik} detik.",
    "berakhir": "Sesi Anda telah berakhir. Silakan masuk lagi.",
    "keluar_judul": "Keluar: PWS-ILP",
    "keluar": "Keluar",
    "keluar_tanya": "Keluar dari PWS-ILP?",
    "sudah_keluar": "Anda telah keluar.",
    "akun_contoh": "Akun contoh (data contoh, sintetis)",
    "peran": "Peran",
    "wilayah": "Wilayah",
    "bahasa_lain": "English",
}

EN = {
    "judul": "Log in: PWS-ILP",
    "masuk": "Log in",
    "nama_pengguna": "Username",
    "kata_sandi": "Password",
    "gagal": "Wrong username or password.",
    "tunggu": "Too many failed attempts. Try again in {detik} seconds.",
    "berakhir": "Your session has ended. Please log in again.",
    "keluar_judul": "Log out: PWS-ILP",
    "keluar": "Log out",
    "keluar_tanya": "Log out of PWS-ILP?",
    "sudah_keluar": "You have logged out.",
    "akun_contoh": "Example accounts (sample data, synthetic)",
    "peran": "Role",
    "wilayah": "Area",
    "bahasa_lain": "Bahasa Indonesia",
}

STRINGS = {"id": ID, "en": EN}


def t(key: str, lang: str = "id", **fmt) -> str:
    """The string ``key`` in ``lang`` (Indonesian for an unknown language)."""
    return STRINGS.get(lang, ID)[key].format(**fmt)
